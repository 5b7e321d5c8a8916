"""Fetch and store bytes: polite, incremental crawling of list pages and the notices they link."""
