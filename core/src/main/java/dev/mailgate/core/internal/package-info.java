/** Implementation details shared between core packages; not exported by the module. */
package dev.mailgate.core.internal;
