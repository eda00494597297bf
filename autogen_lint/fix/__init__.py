"""Applying fixes: the one place every adapter that edits text (the command, the editor) goes through."""
