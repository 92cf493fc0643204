"""Log Audit: browse and filter the append-only audit log (admin), in words: actions, objects and
details from the catalog (ui/audit.py), never codes or JSON."""
from __future__ import annotations

import streamlit as st

from common.i18n import language, t
from ui import audit
from ui.user import acting_user


def main() -> None:
    lang = language()
    st.title(t("audit.title"))
    st.caption(t("audit.caption"))
    c1, c2, c3 = st.columns(3)
    actor = c1.text_input(t("audit.actor"), key="audit_actor", max_chars=40)
    action = c2.selectbox(t("audit.action"), list(audit.ACTIONS), key="audit_action",
                          format_func=lambda v: audit.group_label(v, lang))
    since = c3.date_input(t("audit.since"), value=None, key="audit_since", format="DD/MM/YYYY")
    entries = audit.entries(actor.strip() or None, action or None, since, lang)
    st.dataframe(entries, hide_index=True, width="stretch", height=560, column_config={
        "audit_id": st.column_config.NumberColumn("#", format="%d", width="small"),
        "occurred_at": st.column_config.DatetimeColumn(t("audit.when"), format="DD/MM/YYYY HH:mm:ss"),
        "actor": t("audit.actor"), "action": st.column_config.TextColumn(t("audit.action"), width="medium"),
        "entity": t("audit.entity"), "detail": st.column_config.TextColumn(t("audit.detail"), width="large")})
    st.caption(t("audit.count", n=len(entries), who=acting_user()))


main()
