"""Answering queries: worker processes or a remote backend, the result cache, the pages' graph reader."""
