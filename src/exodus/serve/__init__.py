"""Serving stored data: exports, the REST API and the dashboard."""
