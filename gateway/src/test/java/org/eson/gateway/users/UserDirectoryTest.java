package org.eson.gateway.users;

import java.util.ArrayList;
import java.util.List;

import org.eson.gateway.config.UserEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserDirectoryTest {

    private static final String ALICE_HASH = PasswordHasher.hash("alice-pw".toCharArray(), 1000);
    private static final String BOB_HASH = PasswordHasher.hash("bob-pw".toCharArray(), 1000);

    /** Records every verification and delegates to the real one. */
    private static final class RecordingVerifier implements UserDirectory.PasswordVerifier {
        final List<String> verified = new ArrayList<>();

        @Override
        public boolean verify(char[] password, String encoded) {
            verified.add(encoded);
            return PasswordHasher.verify(password, encoded);
        }
    }

    @Test
    void hashedUserAuthenticates() {
        var users = new UserDirectory(List.of(UserEntry.hashed("alice", ALICE_HASH)));

        assertThat(users.authenticate("alice", "alice-pw")).contains(new User("alice"));
        assertThat(users.authenticate("alice", "wrong")).isEmpty();
        assertThat(users.authenticate("Alice", "alice-pw")).as("names are case-sensitive").isEmpty();
    }

    @Test
    void plaintextUserAuthenticates() {
        var users = new UserDirectory(List.of(UserEntry.plaintext("test", "test")));

        assertThat(users.authenticate("test", "test")).contains(new User("test"));
        assertThat(users.authenticate("test", "tes")).isEmpty();
        assertThat(users.authenticate("test", "test ")).isEmpty();
        assertThat(users.hasPlaintextPasswords()).isTrue();
    }

    @Test
    void unknownUserStillRunsOneVerificationAgainstADummyHash() {
        var verifier = new RecordingVerifier();
        var users = new UserDirectory(List.of(UserEntry.hashed("alice", ALICE_HASH),
                UserEntry.hashed("bob", BOB_HASH)), verifier);

        assertThat(users.authenticate("mallory", "alice-pw")).isEmpty();

        assertThat(verifier.verified).singleElement().satisfies(dummy -> {
            assertThat(dummy).isNotIn(ALICE_HASH, BOB_HASH);
            assertThat(PasswordHasher.iterations(dummy)).as("costs what a real user costs").isEqualTo(1000);
        });
    }

    @Test
    void wrongPasswordForKnownUserRunsExactlyOneVerification() {
        var verifier = new RecordingVerifier();
        var users = new UserDirectory(List.of(UserEntry.hashed("alice", ALICE_HASH)), verifier);

        assertThat(users.authenticate("alice", "nope")).isEmpty();

        assertThat(verifier.verified).containsExactly(ALICE_HASH);
    }

    @Test
    void dummyUsesTheMostCommonIterationCount() {
        var verifier = new RecordingVerifier();
        var users = new UserDirectory(List.of(
                UserEntry.hashed("a", PasswordHasher.hash("a".toCharArray(), 2000)),
                UserEntry.hashed("b", PasswordHasher.hash("b".toCharArray(), 1000)),
                UserEntry.hashed("c", PasswordHasher.hash("c".toCharArray(), 2000))), verifier);

        users.authenticate("nobody", "x");

        assertThat(verifier.verified).singleElement()
                .satisfies(dummy -> assertThat(PasswordHasher.iterations(dummy)).isEqualTo(2000));
    }

    @Test
    void withOnlyPlaintextUsersUnknownNamesDoNoPbkdf2() {
        var verifier = new RecordingVerifier();
        var users = new UserDirectory(List.of(UserEntry.plaintext("test", "test")), verifier);

        assertThat(users.authenticate("nobody", "test")).isEmpty();

        // a PBKDF2 run would make unknown names slower than the known plaintext user
        assertThat(verifier.verified).isEmpty();
    }

    @Test
    void nullsAreRefused() {
        var users = new UserDirectory(List.of(UserEntry.plaintext("test", "test")));

        assertThat(users.authenticate(null, "test")).isEmpty();
        assertThat(users.authenticate("test", null)).isEmpty();
        assertThat(users.exists(null)).isFalse();
    }

    @Test
    void existsAndNames() {
        var users = new UserDirectory(List.of(UserEntry.hashed("alice", ALICE_HASH), UserEntry.plaintext("test", "t")));

        assertThat(users.exists("alice")).isTrue();
        assertThat(users.exists("bob")).isFalse();
        assertThat(users.names()).containsExactlyInAnyOrder("alice", "test");
        assertThat(new UserDirectory(List.of(UserEntry.hashed("alice", ALICE_HASH))).hasPlaintextPasswords()).isFalse();
        assertThat(new UserDirectory(List.of()).authenticate("x", "y")).isEmpty();
    }

    @Test
    void inconsistentEntriesAreRejected() {
        assertThatThrownBy(() -> new UserDirectory(List.of(UserEntry.plaintext("a", "1"), UserEntry.plaintext("a", "2"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than once");
        assertThatThrownBy(() -> new UserDirectory(List.of(new UserEntry("a", java.util.Optional.empty(),
                java.util.Optional.empty()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no password");
        assertThatThrownBy(() -> new UserDirectory(List.of(UserEntry.hashed("a", "garbage"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
