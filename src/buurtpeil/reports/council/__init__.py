"""The council report: a PDF and an OpenDocument text of a poll's or a period's results, made in
the background from the stored results (nothing is recomputed, so a hidden figure cannot
appear), in the organisation's house style."""
