-- The application's own tables (the engine creates its ACT_* tables itself). Portable across H2 and PostgreSQL.

-- One case per reporting entity and year: the primary key makes a second start fail even when two starts race.
CREATE TABLE IF NOT EXISTS report_case (
  entity_code         VARCHAR(64)  NOT NULL,
  reporting_year      INTEGER      NOT NULL,
  process_instance_id VARCHAR(64)  NOT NULL,
  started_by          VARCHAR(255),
  started_at          TIMESTAMP    NOT NULL,
  PRIMARY KEY (entity_code, reporting_year)
);

-- What was filed with which recipient, when, and the receipt (回执).
CREATE TABLE IF NOT EXISTS filing_receipt (
  process_instance_id VARCHAR(64)   NOT NULL,
  recipient           VARCHAR(200)  NOT NULL,
  kind                VARCHAR(16)   NOT NULL,
  filed_on            DATE          NOT NULL,
  channel             VARCHAR(32)   NOT NULL,
  receipt_number      VARCHAR(100)  NOT NULL,
  note                VARCHAR(1000),
  recorded_by         VARCHAR(255),
  recorded_at         TIMESTAMP     NOT NULL,
  PRIMARY KEY (process_instance_id, recipient)
);
