package org.eson.gateway.fns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads TSIG keys in BIND's own syntax ({@code key "name" { algorithm hmac-sha256; secret "..."; };}),
 * so the file {@code tsig-keygen} writes and {@code named.conf} includes is the one the gateway
 * reads: one secret, one place. Comments ({@code //}, {@code #}, {@code /* *&#47;}) and any
 * whitespace are allowed; with several {@code key} clauses the first is used.
 */
public final class BindKeyFile {

    /** The HMACs accepted; MD5 is refused because its collisions are practical. */
    public static final Set<String> ALGORITHMS = Set.of("hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512");

    private BindKeyFile() {
    }

    /** Why a key file cannot be used; the message never contains the secret. */
    public static final class InvalidKeyFileException extends Exception {
        public InvalidKeyFileException(String message) {
            super(message);
        }
    }

    public static TsigKeySpec read(Path file) throws IOException, InvalidKeyFileException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static TsigKeySpec parse(String text) throws InvalidKeyFileException {
        List<String> tokens = tokenize(text);
        int i = tokens.indexOf("key");
        while (i >= 0 && i > 0 && !tokens.get(i - 1).equals(";") && !tokens.get(i - 1).equals("}")) {
            // "key" as a value inside another statement is not a key clause.
            int next = tokens.subList(i + 1, tokens.size()).indexOf("key");
            i = next < 0 ? -1 : i + 1 + next;
        }
        if (i < 0) {
            throw new InvalidKeyFileException("no key clause (expected: key \"name\" { algorithm hmac-sha256; secret \"...\"; };)");
        }
        if (i + 2 >= tokens.size() || !tokens.get(i + 2).equals("{")) {
            throw new InvalidKeyFileException("malformed key clause: expected key \"name\" { ... };");
        }
        String name = unquote(tokens.get(i + 1));
        if (name.isEmpty() || isPunctuation(name)) {
            throw new InvalidKeyFileException("malformed key clause: the key has no name");
        }
        String algorithm = null;
        String secret = null;
        int j = i + 3;
        while (true) {
            if (j >= tokens.size()) {
                throw new InvalidKeyFileException("key \"" + name + "\" is not closed with '};'");
            }
            String token = tokens.get(j);
            if (token.equals("}")) {
                break;
            }
            int end = tokens.subList(j, tokens.size()).indexOf(";");
            if (end < 0) {
                throw new InvalidKeyFileException("key \"" + name + "\": statement '" + token + "' has no ';'");
            }
            List<String> statement = tokens.subList(j, j + end);
            if (statement.size() == 2 && token.equalsIgnoreCase("algorithm")) {
                algorithm = unquote(statement.get(1)).toLowerCase(Locale.ROOT);
            } else if (statement.size() == 2 && token.equalsIgnoreCase("secret")) {
                secret = unquote(statement.get(1));
            } else if (token.equalsIgnoreCase("secret") || token.equalsIgnoreCase("algorithm")) {
                throw new InvalidKeyFileException("key \"" + name + "\": malformed " + token.toLowerCase(Locale.ROOT) + " statement");
            }
            j += end + 1;
        }
        if (algorithm == null) {
            throw new InvalidKeyFileException("key \"" + name + "\" has no algorithm");
        }
        if (secret == null || secret.isEmpty()) {
            throw new InvalidKeyFileException("key \"" + name + "\" has no secret");
        }
        if (algorithm.equals("hmac-md5") || algorithm.startsWith("hmac-md5.")) {
            throw new InvalidKeyFileException("key \"" + name + "\" uses hmac-md5, which is refused because MD5 is broken; "
                    + "generate a new key with: tsig-keygen -a hmac-sha256 " + name);
        }
        if (!ALGORITHMS.contains(algorithm)) {
            throw new InvalidKeyFileException("key \"" + name + "\" uses algorithm '" + algorithm
                    + "'; supported: hmac-sha256, hmac-sha384, hmac-sha512, hmac-sha1");
        }
        try {
            if (Base64.getDecoder().decode(secret).length == 0) {
                throw new InvalidKeyFileException("key \"" + name + "\" has an empty secret");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyFileException("key \"" + name + "\": the secret is not valid base64");
        }
        return new TsigKeySpec(name, algorithm, secret);
    }

    private static boolean isPunctuation(String token) {
        return token.equals("{") || token.equals("}") || token.equals(";");
    }

    private static String unquote(String token) {
        return token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")
                ? token.substring(1, token.length() - 1) : token;
    }

    /** Words, quoted strings (kept with their quotes) and the punctuation {@code { } ;}, comments dropped. */
    private static List<String> tokenize(String text) throws InvalidKeyFileException {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new InvalidKeyFileException("a /* comment is never closed");
                }
                i = end + 2;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    throw new InvalidKeyFileException("a quoted string is never closed");
                }
                tokens.add(text.substring(i, end + 1));
                i = end + 1;
            } else if (c == '{' || c == '}' || c == ';') {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && "{};\"#".indexOf(text.charAt(i)) < 0
                        && !(text.charAt(i) == '/' && i + 1 < n && (text.charAt(i + 1) == '/' || text.charAt(i + 1) == '*'))) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }
}
