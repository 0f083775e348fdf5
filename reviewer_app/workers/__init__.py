"""The bridge between threads: a runner with a read pool and one ordered write lane."""
