/**
 * Data forms, {@code <x xmlns='jabber:x:data'/>}: XEP-0004 version 2.13.2 (2024-08-30), with the FORM_TYPE
 * field of XEP-0068 version 1.3.0 (2020-05-05). Free of I/O; the forms of other XEPs (XEP-0060 node
 * configuration, subscription options, publish-options and meta-data; XEP-0128 service discovery extensions)
 * are read and written with it.
 *
 * <p>{@link org.chasqui.xmpp.forms.DataForm#parse} checks a form once, at the edge, and says in a
 * {@link org.chasqui.xmpp.forms.FormException} which rule of XEP-0004 §3 it breaks; a
 * {@link org.chasqui.xmpp.forms.DataForm} in hand keeps those rules. What a field's value means to the protocol
 * that uses the form (its registered FORM_TYPE, XEP-0068) is that protocol's business.
 *
 * <p>Choices where XEP-0004 leaves room: a field without a {@code type} is text-single in a form of type
 * "form" and untyped (its type known from context) in other forms (§3.2); an empty {@code <value/>} is
 * accepted in any field as the "empty or absent" value (§3.6); unknown field types are rejected (the schema's
 * enumeration; §3.3 asks form-submitting clients to fall back to text-single instead); {@code <reported/>} and
 * {@code <item/>} are read in any order and with other fields beside them (§3.4's note on older revisions);
 * child elements of other namespaces are ignored and not kept.
 */
package org.chasqui.xmpp.forms;
