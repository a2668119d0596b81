"""Turn news articles into typed, dated, sourced relations between actors (plain data)."""
