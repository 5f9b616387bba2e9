/**
 * {@code fnua}, the ESON Flow Namespace User Agent: a command-line FNAP client modelled on the
 * thesis's Go/Cobra tool (section 7.3). {@link org.eson.fnua.Main} is the entry point; the
 * command tree lives in {@code org.eson.fnua.commands}, the configuration file in
 * {@code org.eson.fnua.config}, agent selection and location in {@code org.eson.fnua.agents}.
 */
package org.eson.fnua;
