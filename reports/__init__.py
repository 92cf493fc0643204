"""Files that leave the system: the styled Excel report, 9-box images (PNG/PDF) and the slide deck.

No Streamlit here: builders take frames and figures already prepared (and, when the
anonymisation switch is on, already anonymised by ``ui.privacy``) and return bytes.
"""
