package org.eson.fnua.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The ssh-style check for files that hold secrets. Only a warning, not an error, because a shared
 * machine's policy is the user's call; but silence would let a {@code 0644} file with a password
 * go unnoticed for years.
 */
final class FilePermissions {

    private FilePermissions() {
    }

    /**
     * Warns when group or others may read {@code file}. Does nothing where the file system has no
     * POSIX permissions (Windows), or when the permissions cannot be read.
     *
     * @param file     the file holding a secret
     * @param subject  what the file is, for example {@code password file /x (agents[0] 'a')}
     * @param warnings where the warning goes
     */
    static void warnIfOthersCanRead(Path file, String subject, Consumer<String> warnings) {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return;
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        boolean group = perms.contains(PosixFilePermission.GROUP_READ);
        boolean others = perms.contains(PosixFilePermission.OTHERS_READ);
        if (group || others) {
            String who = group && others ? "group and others" : group ? "group" : "others";
            warnings.accept("warning: " + subject + " is readable by " + who
                    + "; restrict it with chmod 600");
        }
    }
}
