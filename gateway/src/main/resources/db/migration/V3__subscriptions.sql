-- Subscriptions across gateways (thesis 4.2, 7.4.3), portable SQL for H2 2.x and PostgreSQL.
-- A processor endpoint may be a remote flow: a flow on another gateway's broker, described by that
-- gateway's DESCRIBE FLOW; its parameters are kept as key=value lines so the processor can attach
-- to the remote broker again after a restart.
ALTER TABLE processors ADD COLUMN source_remote VARCHAR(4000);
ALTER TABLE processors ADD COLUMN sink_remote VARCHAR(4000);

-- role 'subscriber': this gateway copies copy_flow (at peer_fqdn, or here) into local_flow for account.
-- role 'publisher': this gateway made copy_flow, a copy of remote_flow (one of its own flows), for account.
CREATE TABLE subscriptions (
    id            VARCHAR(36)   NOT NULL,
    role          VARCHAR(16)   NOT NULL,
    account       VARCHAR(255)  NOT NULL,
    local_flow    VARCHAR(253),
    remote_flow   VARCHAR(253)  NOT NULL,
    copy_flow     VARCHAR(253)  NOT NULL,
    peer_fqdn     VARCHAR(253),
    processor_id  VARCHAR(36),
    state         VARCHAR(16)   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_subscriptions PRIMARY KEY (id)
);
