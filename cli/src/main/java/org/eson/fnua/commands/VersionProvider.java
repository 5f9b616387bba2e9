package org.eson.fnua.commands;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the resources at build time. */
final class VersionProvider implements IVersionProvider {

    private static final String RESOURCE = "/org/eson/fnua/version.properties";

    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        }
        String version = p.getProperty("version", "unknown");
        if (version.startsWith("${")) {
            // Running from an IDE without resource filtering.
            version = "unknown";
        }
        return new String[] {"fnua (ESON) " + version};
    }
}
