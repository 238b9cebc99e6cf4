"""What every output shares, terminal or file: safe text and the actor colours."""
