package io.stratus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.error.TooManyRequestsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcurrencyGateTest {

    @Test
    void aReservedFunctionRunsAtMostItsReservationAndGetsItBack() {
        ConcurrencyGate gate = new ConcurrencyGate(1000);
        gate.reservations(Map.of("f", 2));
        ConcurrencyGate.Permit a = gate.admit("f");
        ConcurrencyGate.Permit b = gate.admit("f");
        assertThatThrownBy(() -> gate.admit("f")).isInstanceOfSatisfying(TooManyRequestsException.class,
                e -> assertThat(e.reason()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded"));
        a.close();
        gate.admit("f").close();
        b.close();
    }

    @Test
    void zeroThrottlesEverything() {
        ConcurrencyGate gate = new ConcurrencyGate(1000);
        gate.reservations(Map.of("off", 0));
        assertThatThrownBy(() -> gate.admit("off")).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void unreservedFunctionsShareWhatReservationsLeave() {
        ConcurrencyGate gate = new ConcurrencyGate(100);
        gate.reservations(Map.of("big", 98));
        ConcurrencyGate.Permit one = gate.admit("a");
        ConcurrencyGate.Permit two = gate.admit("b");
        assertThatThrownBy(() -> gate.admit("c")).isInstanceOfSatisfying(TooManyRequestsException.class,
                e -> assertThat(e.reason()).isEqualTo("ConcurrentInvocationLimitExceeded"));
        // The reserved function does not draw on the shared pool.
        gate.admit("big").close();
        one.close();
        gate.admit("c").close();
        two.close();
    }
}
