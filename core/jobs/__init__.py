"""Jobs and employers: posting, screening, moderation, reports, the live-jobs read model, sponsored slots."""
