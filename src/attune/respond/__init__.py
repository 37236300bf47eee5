"""The agent side, helping write: statements that fit, rewrites, and drafts."""
