/** The variable through which global setup tells the tests where the shared broker is. */
export const BOOTSTRAP_ENV = 'SERVICES_TEST_BOOTSTRAP_SERVERS';
/** ... and where it keeps its data (for Kafka's DumpLogSegments). */
export const DATA_DIR_ENV = 'SERVICES_TEST_BROKER_DATA_DIR';
