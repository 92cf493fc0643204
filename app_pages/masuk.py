"""Masuk: the login form."""
from ui import login

login.render()
