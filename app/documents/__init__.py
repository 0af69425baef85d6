"""Printed documents (A4 PDF with embedded fonts): attendance sheets, learner cards and skill
certificates, each carrying digits-only QR codes that scan back into the app."""
