package io.stratus.model.function;

import java.util.Objects;
import java.util.Optional;

/**
 * The lifecycle fields of a function version, moved as Lambda moves them: a new function is {@code Pending}
 * until its code is prepared, then {@code Active}; an update sets {@code LastUpdateStatus=InProgress} until the
 * change is prepared, then {@code Successful} (or {@code Failed} with a reason).
 *
 * @param state                      Pending, Active, Inactive or Failed
 * @param stateReason                human-readable reason, present while Pending or Failed
 * @param stateReasonCode            machine-readable reason code
 * @param lastUpdateStatus           Successful, Failed or InProgress; absent until the first preparation ends
 * @param lastUpdateStatusReason     reason for InProgress or Failed
 * @param lastUpdateStatusReasonCode code for InProgress or Failed
 */
public record FunctionState(String state, Optional<String> stateReason, Optional<String> stateReasonCode,
                            Optional<String> lastUpdateStatus, Optional<String> lastUpdateStatusReason,
                            Optional<String> lastUpdateStatusReasonCode) {

    public static final String PENDING = "Pending";
    public static final String ACTIVE = "Active";
    public static final String FAILED = "Failed";
    public static final String IN_PROGRESS = "InProgress";
    public static final String SUCCESSFUL = "Successful";

    private static final String CREATING_REASON = "The function is being created.";
    private static final String CREATING_CODE = "Creating";

    public FunctionState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stateReason, "stateReason");
        Objects.requireNonNull(stateReasonCode, "stateReasonCode");
        Objects.requireNonNull(lastUpdateStatus, "lastUpdateStatus");
        Objects.requireNonNull(lastUpdateStatusReason, "lastUpdateStatusReason");
        Objects.requireNonNull(lastUpdateStatusReasonCode, "lastUpdateStatusReasonCode");
    }

    /** Just created, code not yet prepared. */
    public static FunctionState creating() {
        return new FunctionState(PENDING, Optional.of(CREATING_REASON), Optional.of(CREATING_CODE),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Prepared and invocable. */
    public static FunctionState active() {
        return new FunctionState(ACTIVE, Optional.empty(), Optional.empty(),
                Optional.of(SUCCESSFUL), Optional.empty(), Optional.empty());
    }

    /** An update was accepted and is being prepared; the real service reports the creating reason here too. */
    public static FunctionState updating() {
        return new FunctionState(ACTIVE, Optional.empty(), Optional.empty(),
                Optional.of(IN_PROGRESS), Optional.of(CREATING_REASON), Optional.of(CREATING_CODE));
    }

    /** Preparation of a new function failed. */
    public static FunctionState createFailed(String reason, String reasonCode) {
        return new FunctionState(FAILED, Optional.of(reason), Optional.of(reasonCode),
                Optional.of(FAILED), Optional.of(reason), Optional.of(reasonCode));
    }

    /** Preparation of an update failed; the function keeps running its previous code and configuration. */
    public FunctionState updateFailed(String reason, String reasonCode) {
        return new FunctionState(state, stateReason, stateReasonCode,
                Optional.of(FAILED), Optional.of(reason), Optional.of(reasonCode));
    }

    /** True while the version waits for preparation (Pending, or an update InProgress). */
    public boolean preparing() {
        return state.equals(PENDING) || lastUpdateStatus.filter(IN_PROGRESS::equals).isPresent();
    }
}
