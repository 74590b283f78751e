"""system: paths, settings, the terminal and desktop notifications."""
