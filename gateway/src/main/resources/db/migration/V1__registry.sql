-- Flow registry, portable SQL for H2 2.x and PostgreSQL.
-- Names are DNS names (at most 253 characters); user and broker names are free-form.
-- Timestamps carry an offset so replicas in different time zones agree on instants.

CREATE TABLE namespaces (
    name       VARCHAR(253) NOT NULL,
    owner      VARCHAR(255) NOT NULL,
    broker     VARCHAR(255) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_namespaces PRIMARY KEY (name)
);

-- The primary key on flow is what makes concurrent creation of one flow have a single winner.
-- owner and broker are copied at creation: a flow stays on the broker it was created on.
CREATE TABLE flows (
    flow       VARCHAR(253) NOT NULL,
    namespace  VARCHAR(253) NOT NULL,
    owner      VARCHAR(255) NOT NULL,
    broker     VARCHAR(255) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_flows PRIMARY KEY (flow),
    CONSTRAINT fk_flows_namespace FOREIGN KEY (namespace) REFERENCES namespaces (name)
);

CREATE INDEX ix_flows_namespace ON flows (namespace);
