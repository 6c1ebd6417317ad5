"""The web application: server-rendered pages (Jinja2) for people who read and ask in a browser.

Pages: the reader (the text chapter by chapter, each provision at its eId), the interview (roles,
then the questions that still matter), the review (text with the norms beneath, for signing a
model off) and the graph (actors and norms between them; procedures as state diagrams). Reading
needs no JavaScript; forms are plain HTML forms.
"""
