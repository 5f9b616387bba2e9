/** Tests of configuration loading, validation and the environment-variable mapping. */
package org.eson.gateway.config;
