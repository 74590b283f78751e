"""run: what wires one run together (timeline, engine, player, recorder, event log,
resume) with no Textual, behind the protocols the edges implement."""
