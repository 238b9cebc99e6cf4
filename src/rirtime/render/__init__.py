"""Timeline and diagnostics -> text for people; renderers return, they never print."""
