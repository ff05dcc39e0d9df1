"""The annex of a safety plan (the Dutch integral safety plan, IVP, or the Belgian zonal safety
plan) as PDF and ODT: written as a ``council.document.Document`` (``annex.content``) and laid out
by the council report's PDF and ODT writers in the organisation's house style."""
