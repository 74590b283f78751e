"""plan: compile a Session (and its prescription) to an immutable Timeline. Pure."""
