"""The `bilateral` command line: build, query, explain, export, push, serve."""
