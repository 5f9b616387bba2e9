/**
 * Who may authenticate to the gateway: PBKDF2 password hashes
 * ({@link org.eson.gateway.users.PasswordHasher}), the configured user directory that checks
 * credentials without revealing which user names exist, and the {@code fnaad hash-password}
 * command operators use to produce hashes for the configuration file.
 */
package org.eson.gateway.users;
