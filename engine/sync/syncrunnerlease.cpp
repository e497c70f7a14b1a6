// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SyncRunner on a shared store: a run writes only while its agent holds the configuration's lease.
#include "syncrunner.h"

#include "leadership.h"
#include "store/statestore.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

bool SyncRunner::takeLease()
{
    if (!m_store.isShared() || m_options.dryRun)
        return true;
    if (m_options.lease) {
        if (m_options.lease->configurationId == m_record.configurationId && m_options.lease->valid()) {
            m_lease = m_options.lease;
            return true;
        }
        fail(
            u"This agent's lease on %1 ran out before the run started; the agent that holds it now runs it."_s
                .arg(m_config.name));
        return false;
    }
    // A run of the CLI or the console: it leads the configuration for as long as it runs, if no agent does.
    m_ownLeadership = std::make_unique<Leadership>(m_store.path(), m_store.localDirectory(),
                                                   Leadership::Settings{.lead = false});
    QString why;
    m_lease = m_ownLeadership->acquire(m_record.configurationId, &why);
    if (m_lease)
        return true;
    m_ownLeadership.reset();
    fail(u"%1 was not run here: %2. Ask that agent to run it: Run now in the console, or updraft-cli run %1 "
         u"--request."_s.arg(m_config.name, why));
    return false;
}

bool SyncRunner::stopIfLeaseLost()
{
    if (!m_lease || m_lease->valid())
        return false;
    if (m_finished)
        return true;
    end(u"interrupted"_s,
        u"This agent lost the lease on %1 (generation %2): it could not renew it in time, or another agent "
        u"took "
        u"it. Nothing more was written; the agent that holds the lease now carries on."_s.arg(m_config.name)
            .arg(m_lease->generation));
    return true;
}

QString SyncRunner::leaseHolder() const
{
    return m_lease ? m_lease->holder : QString();
}

} // namespace Updraft
