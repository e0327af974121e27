"""Seekers: applications, alerts and referrals."""
