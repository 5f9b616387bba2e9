/** Tests of password hashing, the user directory and the hash-password command. */
package org.eson.gateway.users;
