"""`safeguarding import`: a Word or PDF document becomes a draft document file to confirm."""
