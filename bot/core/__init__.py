"""Platform-neutral core: models, reply, commands, store, search. No platform or ML imports."""
