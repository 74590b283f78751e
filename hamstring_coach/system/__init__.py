"""What the program asks of the operating system: files, paths, the terminal."""
