import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { workspaceApi } from '../api/endpoints.ts'
import { errorMessage } from '../api/errorMessage.ts'
import { type CreatedInvite, ROLES, type Role } from '../api/types.ts'
import { useResource } from '../api/useResource.ts'
import { CopyButton } from '../ui/CopyButton.tsx'
import { FormAlert } from '../ui/FormAlert.tsx'
import { formatDate } from '../ui/formatDate.ts'
import { SelectField } from '../ui/SelectField.tsx'
import { useSubmit } from '../ui/useSubmit.ts'

const invitableRoles = ROLES.filter((role) => role !== 'owner')
const expiryChoices = ['1', '7', '30'] as const
type Expiry = (typeof expiryChoices)[number]

/** Owners: create an invitation link (role + expiry), copy it, see and revoke the open ones. */
export function InviteLinks({ workspaceId }: { workspaceId: string }) {
  const { t, i18n } = useTranslation()
  const invites = useResource(() => workspaceApi.invites(workspaceId), [workspaceId])
  const [role, setRole] = useState<Role>('editor')
  const [expiry, setExpiry] = useState<Expiry>('7')
  const [created, setCreated] = useState<CreatedInvite | null>(null)
  const creating = useSubmit()
  const revoking = useSubmit()
  const titleId = useId()

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    void creating.run(async () => {
      setCreated(await workspaceApi.createInvite(workspaceId, { role, expiresInDays: Number(expiry) }))
      invites.reload()
    })
  }

  const link = created ? new URL(created.path, window.location.origin).href : ''
  return (
    <section className="card invites" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('invites.title')}
      </h2>
      <p className="hint">{t('invites.intro')}</p>
      <form className="inline-field align-end invite-form" onSubmit={create} noValidate>
        <SelectField
          label={t('invites.role')}
          name="role"
          value={role}
          onChange={setRole}
          options={invitableRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
        />
        <SelectField
          label={t('invites.expiry')}
          name="expiry"
          value={expiry}
          onChange={setExpiry}
          options={expiryChoices.map((value) => ({
            value,
            label: t('invites.days', { count: Number(value) }),
          }))}
        />
        <button type="submit" className="button-primary" disabled={creating.pending}>
          {t('invites.create')}
        </button>
      </form>
      <p className="hint">{t(`roleHelp.${role}`)}</p>
      <FormAlert message={creating.formError} />

      {created && (
        <div className="secret-once" role="status" data-testid="new-invite">
          <p className="secret-warning">
            {t('invites.createdFor', { role: t(`roles.${created.role}`) })} {t('invites.onceWarning')}
          </p>
          <div className="inline-field">
            <input
              className="secret-value"
              type="text"
              readOnly
              value={link}
              aria-label={t('invites.link')}
              onFocus={(event) => event.target.select()}
            />
            <CopyButton text={link} label={t('invites.copy')} />
          </div>
        </div>
      )}

      <FormAlert message={revoking.formError ?? (invites.error ? errorMessage(t, invites.error) : null)} />
      {invites.data && invites.data.invites.length > 0 && (
        <table className="data-table compact">
          <caption className="visually-hidden">{t('invites.openTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('invites.role')}</th>
              <th scope="col">{t('invites.created')}</th>
              <th scope="col">{t('invites.expires')}</th>
              <th scope="col">{t('invites.uses')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invites.data.invites.map((invite) => (
              <tr key={invite.id}>
                <th scope="row">{t(`roles.${invite.role}`)}</th>
                <td>{formatDate(invite.createdAt, i18n.language, true)}</td>
                <td>{formatDate(invite.expiresAt, i18n.language, true)}</td>
                <td>{invite.uses}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button-danger"
                    onClick={() =>
                      void revoking.run(async () => {
                        await workspaceApi.revokeInvite(workspaceId, invite.id)
                        if (created?.id === invite.id) setCreated(null)
                        invites.reload()
                      })
                    }
                  >
                    {t('invites.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
