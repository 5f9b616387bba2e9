-- Flow processors (thesis 4.1.4), portable SQL for H2 2.x and PostgreSQL.
-- One row per processor the gateway must keep running; a destroyed processor's row is deleted.
-- Endpoints are local flows for now: a flow name and one of this gateway's configured brokers.
-- settings holds key=value lines (batch-size, max-attempts, dead-letter-flow) so new settings
-- need no migration. state is the lifecycle state the operator asked for (CREATED, RUNNING,
-- PAUSED, FAILED); failure explains a FAILED one. A gateway shutdown does not change it, so a
-- restart brings back every processor that was not paused.

CREATE TABLE processors (
    id            VARCHAR(36)   NOT NULL,
    kind          VARCHAR(32)   NOT NULL,
    source_flow   VARCHAR(253)  NOT NULL,
    source_broker VARCHAR(255)  NOT NULL,
    sink_flow     VARCHAR(253)  NOT NULL,
    sink_broker   VARCHAR(255)  NOT NULL,
    settings      VARCHAR(4000) NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    failure       VARCHAR(1000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_processors PRIMARY KEY (id)
);
