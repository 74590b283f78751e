"""engine: the state machine over a Timeline, its schedule, visits, set book, events,
clocks and the break scheduler. Pure: no Textual, no I/O; the clock is an argument."""
