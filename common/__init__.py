"""Neutral helpers every layer may import: translation (i18n), Indonesian formatting (fmt) and the
palette. Nothing here imports analytics, data, reports, ui or the pages."""
