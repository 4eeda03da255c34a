-- Signed checkpoints (signed tree heads) of the transparency log, and the leaf hashes they cover.
-- Both are append-only like the entries: checkpoints are published and kept forever.

-- Refuses UPDATE, DELETE and TRUNCATE on whichever table it is attached to.
CREATE FUNCTION transparency_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TABLE transparency_checkpoint (
    tree_size  BIGINT       PRIMARY KEY CHECK (tree_size > 0),
    root_hash  BYTEA        NOT NULL CHECK (length(root_hash) = 32),
    signed_at  TIMESTAMPTZ  NOT NULL,
    origin     VARCHAR(200) NOT NULL,
    key_id     VARCHAR(64)  NOT NULL,
    signature  BYTEA        NOT NULL
);

-- Leaf hash of each entry as computed when a checkpoint first covered it. A cache for proofs, and the
-- evidence that names which entry changed; verification always recomputes from the entries themselves.
CREATE TABLE transparency_leaf (
    seq        BIGINT PRIMARY KEY,
    leaf_hash  BYTEA  NOT NULL CHECK (length(leaf_hash) = 32)
);

CREATE TRIGGER transparency_checkpoint_no_update_delete
    BEFORE UPDATE OR DELETE ON transparency_checkpoint
    FOR EACH ROW EXECUTE FUNCTION transparency_append_only();
CREATE TRIGGER transparency_checkpoint_no_truncate
    BEFORE TRUNCATE ON transparency_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION transparency_append_only();
CREATE TRIGGER transparency_leaf_no_update_delete
    BEFORE UPDATE OR DELETE ON transparency_leaf
    FOR EACH ROW EXECUTE FUNCTION transparency_append_only();
CREATE TRIGGER transparency_leaf_no_truncate
    BEFORE TRUNCATE ON transparency_leaf
    FOR EACH STATEMENT EXECUTE FUNCTION transparency_append_only();
