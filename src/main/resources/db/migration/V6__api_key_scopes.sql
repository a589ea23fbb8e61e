-- API keys get scopes (io.omnivox.account.Scope): read (GET/HEAD), write (other methods, the voice WebSocket) and
-- admin (the account's keys and users). Keys issued before scopes existed keep doing everything they did: all three.
alter table api_keys add column scopes varchar(64) default 'read,write,admin' not null;
