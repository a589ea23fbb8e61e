package io.omnivox.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiKeySecretsTest {

    @Test
    void should_generate_ovx_keys_with_32_random_bytes_in_base64url() {
        ApiKeySecrets.NewKey key = ApiKeySecrets.generate();

        assertThat(key.secret()).matches("ovx_[A-Za-z0-9_-]{43}");
        assertThat(key.prefix()).hasSize(12).isEqualTo(key.secret().substring(0, 12));
        assertThat(key.hash()).isEqualTo(ApiKeySecrets.hash(key.secret()));
    }

    @Test
    void should_generate_a_different_key_each_time() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(ApiKeySecrets.generate().secret());
        }
        assertThat(secrets).hasSize(1000);
    }

    @Test
    void should_hash_with_sha256_in_lower_case_hex() {
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        assertThat(ApiKeySecrets.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void should_match_only_the_secret_that_was_hashed() {
        ApiKeySecrets.NewKey key = ApiKeySecrets.generate();

        assertThat(ApiKeySecrets.matches(key.secret(), key.hash())).isTrue();
        assertThat(ApiKeySecrets.matches(key.secret() + "x", key.hash())).isFalse();
        assertThat(ApiKeySecrets.matches(ApiKeySecrets.generate().secret(), key.hash())).isFalse();
    }

    @Test
    void should_keep_the_secret_out_of_to_string() {
        ApiKeySecrets.NewKey key = ApiKeySecrets.generate();

        assertThat(key.toString()).doesNotContain(key.secret()).contains(key.prefix());
    }

    @Test
    void should_read_the_key_from_a_bearer_authorization_header() {
        assertThat(ApiKeyAuthenticationMechanism.bearerKey("Bearer ovx_abc")).isEqualTo("ovx_abc");
        assertThat(ApiKeyAuthenticationMechanism.bearerKey("bearer   ovx_abc  ")).isEqualTo("ovx_abc");
        assertThat(ApiKeyAuthenticationMechanism.bearerKey("Basic YWJj")).isNull();
        assertThat(ApiKeyAuthenticationMechanism.bearerKey("Bearerovx_abc")).isNull();
        assertThat(ApiKeyAuthenticationMechanism.bearerKey("Bearer ")).isNull();
        assertThat(ApiKeyAuthenticationMechanism.bearerKey(null)).isNull();
    }
}
