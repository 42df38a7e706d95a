package org.chasqui.broker.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.chasqui.broker.durability.StraceParser.Syscall;
import org.junit.jupiter.api.Test;

/** Lines as strace 6.1 writes them with {@code -f -ttt -T -y -o FILE} (shortened where long). */
class StraceParserTest {

    @Test
    void aCallOnOneLine() {
        List<Syscall> calls = StraceParser.parse(List.of(
                "21813 1795501322.926921 sendto(101<socket:[4350112]>, \"<iq id='pub-0' type='result'/>\", 30, 0, NULL, 0) = 30 <0.000592>"));

        assertThat(calls).hasSize(1);
        Syscall c = calls.get(0);
        assertThat(c.tid()).isEqualTo(21813);
        assertThat(c.name()).isEqualTo("sendto");
        assertThat(c.fd()).isEqualTo(101);
        assertThat(c.fdTarget()).isEqualTo("socket:[4350112]");
        assertThat(c.text()).isEqualTo("<iq id='pub-0' type='result'/>");
        assertThat(c.truncated()).isFalse();
        assertThat(c.result()).hasValue(30);
        assertThat(c.error()).isEmpty();
        assertThat(c.returned()).isTrue();
        assertThat(c.startLine()).isZero();
        assertThat(c.endLine()).isZero();
        assertThat(c.startMicros()).isEqualTo(1795501322926921L);
        assertThat(c.endMicros()).isEqualTo(1795501322926921L);
    }

    @Test
    void unfinishedAndResumedPairsOfSeveralThreads() {
        List<Syscall> calls = StraceParser.parse(List.of(
                "21749 1795501322.927428 fdatasync(104</tmp/d/pubsub/20261124F.cq4> <unfinished ...>",
                "21813 1795501322.927500 recvfrom(101<socket:[4350112]>,  <unfinished ...>",
                "21749 1795501322.927839 <... fdatasync resumed>) = 0 <0.000379>",
                "21813 1795501322.971678 <... recvfrom resumed>\"='item-18'/></iq>\", 2048, 0, NULL, NULL) = 16 <0.044>"));

        assertThat(calls).extracting(Syscall::name).containsExactly("fdatasync", "recvfrom");
        Syscall force = calls.get(0);
        assertThat(force.fdTarget()).isEqualTo("/tmp/d/pubsub/20261124F.cq4");
        assertThat(force.result()).hasValue(0);
        assertThat(force.startLine()).isEqualTo(0);
        assertThat(force.endLine()).isEqualTo(2);
        assertThat(force.endMicros()).isEqualTo(1795501322927839L);
        Syscall read = calls.get(1);
        assertThat(read.tid()).isEqualTo(21813);
        assertThat(read.fd()).isEqualTo(101);
        assertThat(read.text()).as("the data printed with the return").isEqualTo("='item-18'/></iq>");
        assertThat(read.startLine()).isEqualTo(1);
        assertThat(read.endLine()).isEqualTo(3);
    }

    @Test
    void writevJoinsItsBuffersAndAReturnValueMayBeShort() {
        List<Syscall> calls = StraceParser.parse(List.of(
                "7 1795501323.041962 writev(101<socket:[1]>, [{iov_base=\"<a/>\", iov_len=4}, "
                        + "{iov_base=\"<b x='(]'/>\", iov_len=11}], 2 <unfinished ...>",
                "7 1795501323.045305 <... writev resumed>) = 6 <0.003231>"));

        Syscall c = calls.get(0);
        assertThat(c.text()).isEqualTo("<a/><b x='(]'/>");
        assertThat(c.result()).hasValue(6);
    }

    @Test
    void escapesBecomeBytes() {
        List<Syscall> calls = StraceParser.parse(List.of(
                "1 1.000001 write(3</tmp/a b.log>, \"q\\\"\\\\\\n\\t\\0002\\1m\\342\\200\\231\\x41\", 13) = 13"));

        byte[] expected = {'q', '"', '\\', '\n', '\t', 0, '2', 1, 'm', (byte) 0xe2, (byte) 0x80, (byte) 0x99, 'A'};
        assertThat(calls.get(0).data()).containsExactly(expected);
        assertThat(new String(calls.get(0).data(), 9, 3, StandardCharsets.UTF_8)).isEqualTo("\u2019");
        assertThat(calls.get(0).fdTarget()).isEqualTo("/tmp/a b.log");
    }

    @Test
    void aStringCutShortByMinusSIsMarked() {
        Syscall c = StraceParser.parse(List.of(
                "5 2.5 read(9</x.jar>, \"PK\\3\\4\"..., 65536) = 65536")).get(0);

        assertThat(c.text()).isEqualTo("PK\3\4");
        assertThat(c.truncated()).isTrue();
        assertThat(c.startMicros()).isEqualTo(2_500_000L);
    }

    @Test
    void stringsThatAreNotDataAreLeftOut() {
        Syscall c = StraceParser.parse(List.of("5 2.000000 sendto(9<socket:[2]>, \"hi) = 3\", 2, 0, "
                + "{sa_family=AF_INET, sin_port=htons(5222), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 2")).get(0);

        assertThat(c.text()).as("a ')' inside the data does not end the arguments").isEqualTo("hi) = 3");
        assertThat(c.result()).hasValue(2);
    }

    @Test
    void failuresSignalsExitsAndCallsThatNeverReturn() {
        List<Syscall> calls = StraceParser.parse(List.of(
                "8 1.000000 recvfrom(101<socket:[1]>, 0x7f00, 2048, 0, NULL, NULL) = -1 EAGAIN (Resource temporarily unavailable) <0.000010>",
                "8 1.000100 --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0x7f3c} ---",
                "9 1.000200 fsync(5</d> <unfinished ...>",
                "8 1.000300 write(1<pipe:[3]>, \"x\", 1 <unfinished ...>",
                "8 1.000400 <... write resumed>) = ? <unavailable>",
                "8 1.000500 +++ killed by SIGKILL +++",
                "strace: Process 8 detached"));

        assertThat(calls).extracting(Syscall::name).containsExactly("recvfrom", "fsync", "write");
        assertThat(calls.get(0).result()).hasValue(-1);
        assertThat(calls.get(0).error()).isEqualTo("EAGAIN");
        assertThat(calls.get(0).data()).isEmpty();
        assertThat(calls.get(1).returned()).as("fsync never resumed").isFalse();
        assertThat(calls.get(1).endLine()).isEqualTo(-1);
        assertThat(calls.get(2).returned()).as("= ?").isFalse();
        assertThat(calls.get(2).text()).isEqualTo("x");
    }

    @Test
    void aResumedLineWithoutItsStartIsAnError() {
        assertThatThrownBy(() -> StraceParser.parse(List.of("8 1.0 <... fdatasync resumed>) = 0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 0");
    }
}
