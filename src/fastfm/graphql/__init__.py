"""``POST /graphql``: read queries over the catalog, visible playlists and the caller."""
