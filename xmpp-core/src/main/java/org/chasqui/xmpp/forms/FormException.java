package org.chasqui.xmpp.forms;

/**
 * A data form, or a value read from one, breaks a rule of XEP-0004. The message says which rule and where,
 * e.g. {@code field 'public': 'yes' is not a boolean (XEP-0004 §3.3: 0, 1, false, true)}; it is meant for the
 * {@code <text/>} of the not-acceptable or bad-request error that a form-processing entity returns (XEP-0004 §4).
 *
 * <p>Checked, because forms come from other entities: a handler that reads one has to decide which error to
 * answer with. Forms built in code with {@link DataForm.Builder} that break a rule are bugs and throw
 * {@link IllegalArgumentException} instead.
 */
public final class FormException extends Exception {
    private static final long serialVersionUID = 1L;

    public FormException(String message) {
        super(message);
    }
}
