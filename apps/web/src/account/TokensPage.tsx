import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { tokenApi } from '../api/endpoints.ts'
import { errorMessage } from '../api/errorMessage.ts'
import type { CreatedToken } from '../api/types.ts'
import { useResource } from '../api/useResource.ts'
import { CopyButton } from '../ui/CopyButton.tsx'
import { FormAlert } from '../ui/FormAlert.tsx'
import { formatDate } from '../ui/formatDate.ts'
import { TextField } from '../ui/TextField.tsx'
import { useSubmit } from '../ui/useSubmit.ts'

/** /account/tokens — personal API tokens for scripts: created, shown once, listed, revoked. */
export function TokensPage() {
  const { t, i18n } = useTranslation()
  const tokens = useResource(() => tokenApi.list(), [])
  const [name, setName] = useState('')
  const [created, setCreated] = useState<CreatedToken | null>(null)
  const creating = useSubmit(['name'])
  const revoking = useSubmit()
  const titleId = useId()
  const listTitleId = useId()

  useEffect(() => {
    document.title = t('tokens.documentTitle')
  }, [t])

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (name.trim() === '') {
      creating.setFieldErrors({ name: t('errors.field.tokenName') })
      return
    }
    void creating.run(async () => {
      setCreated(await tokenApi.create(name.trim()))
      setName('')
      tokens.reload()
    })
  }

  return (
    <section className="narrow-page" aria-labelledby={titleId}>
      <p className="breadcrumb">
        <Link to="/account">{t('account.title')}</Link>
      </p>
      <h1 id={titleId}>{t('tokens.title')}</h1>
      <p className="lead">{t('tokens.intro')}</p>

      <form className="card stack-form" onSubmit={create} noValidate>
        <FormAlert message={creating.formError} />
        <div className="inline-field align-end">
          <TextField
            label={t('tokens.name')}
            name="tokenName"
            autoComplete="off"
            maxLength={100}
            value={name}
            onChange={setName}
            error={creating.fieldErrors.name}
            hint={t('tokens.nameHint')}
          />
          <button type="submit" className="button-primary" disabled={creating.pending}>
            {t('tokens.create')}
          </button>
        </div>
      </form>

      {created && (
        <div className="secret-once card" role="status" aria-live="polite" data-testid="new-token">
          <h2 className="section-title">{t('tokens.createdTitle', { name: created.name })}</h2>
          <p className="secret-warning">{t('tokens.onceWarning')}</p>
          <div className="inline-field">
            <input
              className="secret-value"
              type="text"
              readOnly
              value={created.token}
              aria-label={t('tokens.value')}
              onFocus={(event) => event.target.select()}
            />
            <CopyButton text={created.token} />
          </div>
          <button type="button" className="button-quiet" onClick={() => setCreated(null)}>
            {t('tokens.dismiss')}
          </button>
        </div>
      )}

      <section aria-labelledby={listTitleId}>
        <h2 id={listTitleId} className="section-title">
          {t('tokens.listTitle')}
        </h2>
        <FormAlert message={revoking.formError ?? (tokens.error ? errorMessage(t, tokens.error) : null)} />
        {tokens.data && tokens.data.tokens.length === 0 && <p className="empty">{t('tokens.none')}</p>}
        {tokens.data && tokens.data.tokens.length > 0 && (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th>
                <th scope="col">{t('tokens.created')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>{formatDate(token.createdAt, i18n.language, true)}</td>
                  <td>
                    {token.lastUsedAt === null
                      ? t('tokens.never')
                      : formatDate(token.lastUsedAt, i18n.language, true)}
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button-danger"
                      aria-label={t('tokens.revokeNamed', { name: token.name })}
                      onClick={() => {
                        if (!window.confirm(t('tokens.confirmRevoke', { name: token.name }))) return
                        void revoking.run(async () => {
                          await tokenApi.revoke(token.id)
                          if (created?.id === token.id) setCreated(null)
                          tokens.reload()
                        })
                      }}
                    >
                      {t('tokens.revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  )
}
