package org.eson.fnap.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyReaderTest {

    private static ReplyReader reader(String wire) {
        return new ReplyReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
    }

    /** Delivers one byte per read, the worst case of TCP segmentation. */
    private static ReplyReader trickle(String wire) {
        InputStream in = new FilterInputStream(
                new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        return new ReplyReader(in);
    }

    @Test
    void readsThesisSession() throws IOException {
        ReplyReader r = reader("220 fnaa.unix.ar FNAA\r\n220 OK\r\n220 Authenticated\r\n"
                + "220 OK time.flows.unix.ar\r\n220 DATA\r\nflow=time.flows.unix.ar\r\ntype=kafka\r\n"
                + "topic=time.flows.unix.ar\r\nserver=kf1.unix.ar:9092\r\n220 OK\r\n220 Bye\r\n");
        assertThat(r.read()).isEqualTo(Reply.ok("fnaa.unix.ar FNAA"));
        assertThat(r.read()).isEqualTo(Reply.ok("OK"));
        assertThat(r.read()).isEqualTo(Reply.ok("Authenticated"));
        assertThat(r.read()).isEqualTo(Reply.ok("OK time.flows.unix.ar"));
        assertThat(r.read()).isEqualTo(Reply.data(List.of("flow=time.flows.unix.ar", "type=kafka",
                "topic=time.flows.unix.ar", "server=kf1.unix.ar:9092")));
        assertThat(r.read()).isEqualTo(Reply.ok("Bye"));
        assertThatThrownBy(r::read).isInstanceOf(EOFException.class)
                .hasMessage("Connection closed by the server");
    }

    @Test
    void readsByteByByte() throws IOException {
        ReplyReader r = trickle("550 No such flow\r\n220 DATA\r\na.b\r\n220 OK\r\n");
        assertThat(r.read()).isEqualTo(Reply.of(550, "No such flow"));
        assertThat(r.read()).isEqualTo(Reply.data(List.of("a.b")));
    }

    @Test
    void acceptsBareLfAndEmptyText() throws IOException {
        ReplyReader r = reader("220 OK\n220\n220 DATA\n220 OK\n");
        assertThat(r.read()).isEqualTo(Reply.ok("OK"));
        assertThat(r.read()).isEqualTo(Reply.ok(""));
        assertThat(r.read()).isEqualTo(Reply.data(List.of()));
    }

    @Test
    void anyPositiveTerminatorCompletesTheBlock() throws IOException {
        assertThat(reader("220 DATA\r\nx\r\n250 done\r\n").read()).isEqualTo(Reply.data(List.of("x")));
    }

    @Test
    void abortedDataBlockReturnsTheErrorOnly() throws IOException {
        ReplyReader r = reader("220 DATA\r\na.flows.unix.ar\r\n451 Local error in processing, try again later\r\n"
                + "220 OK\r\n");
        Reply reply = r.read();
        assertThat(reply).isEqualTo(Reply.of(451, "Local error in processing, try again later"));
        assertThat(reply.data()).isEmpty();
        assertThat(r.read()).isEqualTo(Reply.ok("OK"));
    }

    @Test
    void dataLinesMayLookLikeNonReplyDigits() throws IOException {
        assertThat(reader("220 DATA\r\n2200\r\n22 x\r\n220x\r\n220 OK\r\n").read().data())
                .containsExactly("2200", "22 x", "220x");
    }

    @Test
    void eofInTheMiddleOfAReply() {
        assertThatThrownBy(() -> reader("220 DATA\r\nflow=a.b\r\n").read())
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("in the middle of a reply");
        assertThatThrownBy(() -> reader("220 O").read())
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("in the middle of a reply");
        assertThatThrownBy(() -> reader("").read())
                .isInstanceOf(EOFException.class)
                .hasMessage("Connection closed by the server");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello\r\n", "220-multi\r\n", "22 OK\r\n", "2200 OK\r\n", "120 x\r\n",
        "620 x\r\n", " 220 OK\r\n", "220 OK\rx\r\n", "\r\n", "SSH-2.0-OpenSSH_9.6\r\n"})
    void garbageIsAProtocolException(String wire) {
        assertThatThrownBy(() -> reader(wire).read()).isInstanceOf(ProtocolException.class);
    }

    @Test
    void dataLineThatLooksLikeAnOutOfRangeStatusIsAProtocolException() {
        assertThatThrownBy(() -> reader("220 DATA\r\n100 x\r\n220 OK\r\n").read())
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void overlongAndInvalidLines() {
        assertThatThrownBy(() -> reader("220 " + "x".repeat(995) + "\r\n").read())
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("longer than 1000 octets");
        byte[] bad = {'2', '2', '0', ' ', (byte) 0xC3, '\r', '\n'};
        assertThatThrownBy(() -> new ReplyReader(new ByteArrayInputStream(bad)).read())
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void longestLegalLineIsRead() throws IOException {
        assertThat(reader("220 " + "x".repeat(994) + "\r\n").read().text()).hasSize(994);
    }

    @Test
    void endlessLineFromServerFailsWithoutExhaustingMemory() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        assertThatThrownBy(() -> new ReplyReader(endless).read()).isInstanceOf(ProtocolException.class);
    }
}
