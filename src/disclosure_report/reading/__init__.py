"""Reading published reports (Word, PDF, web pages) into the format: no Qt, no writing."""
