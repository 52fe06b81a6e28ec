/** The variable through which global setup tells the tests where the shared broker is. */
export const BOOTSTRAP_ENV = 'SERVICES_TEST_BOOTSTRAP_SERVERS';
